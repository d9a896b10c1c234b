import { Component } from '@angular/core';

@Component({
  selector: 'tl-console-data-access',
  imports: [],
  templateUrl: './console-data-access.component.html',
  styleUrl: './console-data-access.component.css',
})
export class ConsoleDataAccessComponent {}
