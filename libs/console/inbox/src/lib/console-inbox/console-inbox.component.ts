import { Component } from '@angular/core';

@Component({
  selector: 'tl-console-inbox',
  imports: [],
  templateUrl: './console-inbox.component.html',
  styleUrl: './console-inbox.component.css',
})
export class ConsoleInboxComponent {}
