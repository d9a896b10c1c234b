import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ConsoleDataAccessComponent } from './console-data-access.component';

describe('ConsoleDataAccessComponent', () => {
  let component: ConsoleDataAccessComponent;
  let fixture: ComponentFixture<ConsoleDataAccessComponent>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [ConsoleDataAccessComponent],
    }).compileComponents();

    fixture = TestBed.createComponent(ConsoleDataAccessComponent);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
